/** Arabic letters: see texts/en.ts for what each message is for. The rights keep the words of ar-2026.1. */
import type { LetterTexts } from './en.js';

export const ar: LetterTexts = {
  language: 'ar',
  version: 'ar-2026.4',
  locale: 'ar',
  messages: {
    'document.draftWord': 'مسودة',
    'document.draftMark': 'مسودة — لا تُعدّ استدعاءً صالحًا إلى أن يُتفق على الموعد',
    'document.draftExplanation':
      'لم تتفق السلطتان بعد على موعد هذه الجلسة. تبيّن هذه المسودة ما سيتضمنه الاستدعاء، لكنها ليست استدعاءً ولا يُطلب منك القيام بأي إجراء بناءً عليها. سيُبلَّغ إليك الاستدعاء نفسه فور الاتفاق على الموعد.',

    'when.heading': 'التاريخ والوقت',
    'when.proposedHeading': 'المواعيد المقترحة — لم يُتفق عليها بعد',
    'when.proposed':
      '{kind, select, slot {اقتُرح هذا الموعد، ولم توافق عليه السلطة الأخرى بعد.} other {ستُعقد الجلسة {count, plural, =1 {خلال الفترة التالية} other {خلال إحدى الفترات التالية}}، ولم يُتفق على موعدها المحدد بعد.}}',
    'when.yours': 'التوقيت المحلي لديك ({zone})',
    'when.court': 'توقيت المحكمة، {court} ({zone})',
    'when.site': 'التوقيت المحلي – {site} ({zone})',

    function:
      '{function, select, presiding_judge {القاضي الذي يرأس الجلسة} requested_officer {الموظف القضائي للدولة المطلوب منها} prosecutor {النيابة العامة} counsel {المحامي} clerk {كاتب الجلسة} interpreter {المترجم} witness {شاهد} expert {خبير} accused {مشتبه به أو متهم} person_sought {شخص مطلوب للتسليم} person_heard {الشخص المستمع إليه} other {مراقب}}',

    'summons.title': 'استدعاء لجلسة استماع عبر الاتصال المرئي',
    'summons.intro':
      '{person}، أنت مستدعى للاستماع إليك بصفتك {capacity, select, witness {شاهدًا} expert {خبيرًا} accused {مشتبهًا به أو متهمًا} other {شخصًا مطلوبًا للتسليم}} في القضية {caseReference}، بناءً على طلب {court}.',
    'summons.whereHeading': 'المكان',
    'summons.where': '{venue}، {requestedAuthority}.',
    'summons.bring': 'يُرجى الحضور قبل الموعد بثلاثين دقيقة مع وثيقة هوية (بطاقة الهوية أو جواز السفر) وهذا الاستدعاء.',
    'summons.legalBasisHeading': 'الأساس القانوني للطلب',
    'summons.legalBasis': '{instrument}، {article}.',
    'summons.conductedByHeading': 'يدير الجلسة',
    'summons.rightsHeading': 'حقوقك',
    'rights.interpreter': 'إذا كنت لا تتكلم لغة الجلسة أو لا تفهمها، يساعدك مترجم شفوي مجانًا.',
    'rights.officer': 'يتحقق موظف قضائي من {requestedAuthority} من هويتك ويحضر طوال الجلسة لضمان احترام المبادئ الأساسية لقانون هذا البلد.',
    'rights.test': 'يمكنك قبل الجلسة اختبار الصوت والصورة.',
    'rights.refuseEvidence': 'يجوز لك الامتناع عن الإدلاء بالشهادة إذا منحك قانون هذا البلد أو قانون البلد الطالب هذا الحق.',
    'rights.silence': 'لك الحق في التزام الصمت؛ ويجوز استخدام ما تقوله دليلًا.',
    'rights.lawyer': 'لك الحق في محامٍ، وفي التحدث معه على انفراد وبسرية قبل الجلسة وأثناءها.',
    'rights.consent': 'تتطلب الجلسة عبر الاتصال المرئي موافقتك. يجوز لك رفضها؛ وستُسأل عن ذلك قبل بدء الجلسة.',
    'summons.closing': 'النموذج {version}. احتفظ بهذه الوثيقة وأحضرها معك.',

    'invitation.subject': 'جلسة عبر الاتصال المرئي بتاريخ {date} – القضية {caseReference}',
    'invitation.subjectCancelled': 'أُلغيت: الجلسة عبر الاتصال المرئي بتاريخ {date} – القضية {caseReference}',
    'invitation.greeting': 'السيد/السيدة {name} المحترم/المحترمة،',
    'invitation.intro': 'أنت مدعو إلى الجلسة عبر الاتصال المرئي في القضية {caseReference} ({title})، التي تُعقد بين {court} و{requestedAuthority}.',
    'invitation.role': 'صفتك في الجلسة: {function}.',
    'invitation.link': 'رابطك الشخصي (يُفتح قبل البدء بثلاثين دقيقة؛ لا تعطه لأحد، فهو يثبت هويتك):',
    'invitation.ready':
      'جهّز ما يلي: وثيقة هوية (بطاقة الهوية أو جواز السفر)، وغرفة هادئة يمكنك التحدث فيها بحرية، وحاسوبًا أو هاتفًا مزوّدًا بكاميرا وميكروفون. افتح الرابط قبل الموعد بثلاثين دقيقة لاختبار الصوت والصورة.',
    'invitation.cancelled': 'أُلغيت هذه الجلسة. لم يعد رابطك الشخصي صالحًا. يُرجى حذف الموعد من تقويمك، وسيتم إبلاغك إذا حُدد موعد جديد.',
    'invitation.location': 'جلسة عبر الاتصال المرئي بين {court} و{requestedAuthority}',
    'invitation.contact': 'للاستفسار عن هذه الجلسة: {name}، {email}',
    'invitation.subjectChanged': 'موعد جديد: جلسة عبر الاتصال المرئي بتاريخ {date} – القضية {caseReference}',
    'invitation.changed': 'تغيّر موعد هذه الجلسة، والموعد الجديد مبيّن أدناه. لم يعد رابطك السابق صالحًا؛ استخدم الرابط الوارد في هذه الرسالة.',
    'invitation.subjectResumed': 'استئناف الجلسة بعد تأجيلها: جلسة عبر الاتصال المرئي بتاريخ {date} – القضية {caseReference}',
    'invitation.resumed':
      'أجّلت المحكمة هذه الجلسة إلى موعد جديد. وتُستأنف في الموعد المبيّن أدناه من حيث توقفت، ويبقى ما تمّ في الجلسة السابقة قائمًا. لم يعد رابطك السابق صالحًا؛ استخدم الرابط الوارد في هذه الرسالة.',
    'summons.mailSubject': 'استدعاء – القضية {caseReference}',
    'summons.mailText':
      'تجد مرفقًا استدعاءك إلى الجلسة عبر الاتصال المرئي في القضية {caseReference}، مع بيان حقوقك، بلغتك. يُرجى قراءته بعناية والاحتفاظ به. سيصلك رابطك الشخصي إلى الجلسة في رسالة منفصلة.',
  },
};
