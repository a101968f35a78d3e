/** Chinese (simplified) letters: see texts/en.ts for what each message is for. Terms follow the Chinese model texts (courtroom/model-texts/zh.ts). */
import type { LetterTexts } from './en.js';

export const zh: LetterTexts = {
  language: 'zh',
  version: 'zh-2026.4',
  locale: 'zh-CN',
  messages: {
    'document.draftWord': '草稿',
    'document.draftMark': '草稿——在时间商定之前不具有传唤效力',
    'document.draftExplanation':
      '双方机关尚未商定本次询问的时间。本草稿仅显示传唤通知书的内容，不构成传唤，您无需据此采取任何行动。时间商定后，将向您正式送达传唤通知书。',

    'when.heading': '日期和时间',
    'when.proposedHeading': '拟议时间——尚未商定',
    'when.proposed':
      '{kind, select, slot {已提出以下时间，对方机关尚未同意。} other {询问将在{count, plural, =1 {以下时间段} other {以下时间段之一}}内进行，具体时间尚未商定。}}',
    'when.yours': '您当地的时间（{zone}）',
    'when.court': '法院所在地时间，{court}（{zone}）',
    'when.site': '当地时间 – {site}（{zone}）',

    function:
      '{function, select, presiding_judge {审判长} requested_officer {被请求国司法人员} prosecutor {检察官} counsel {律师} clerk {书记员} interpreter {翻译人员} witness {证人} expert {鉴定人} accused {犯罪嫌疑人或被告人} person_sought {被请求引渡人} person_heard {被询问人} other {旁听人员}}',

    'summons.title': '视频询问传唤通知书',
    'summons.intro':
      '{person}：应{court}的请求，现传唤您在{caseReference}号案件中以{capacity, select, witness {证人} expert {鉴定人} accused {犯罪嫌疑人或被告人} other {被请求引渡人}}身份接受询问。',
    'summons.whereHeading': '到场地点',
    'summons.where': '{venue}，{requestedAuthority}。',
    'summons.bring': '请提前30分钟到场，并携带身份证件（身份证或护照）及本通知书。',
    'summons.legalBasisHeading': '请求的法律依据',
    'summons.legalBasis': '{instrument}，{article}。',
    'summons.conductedByHeading': '询问主持人',
    'summons.rightsHeading': '您的权利',
    'rights.interpreter': '如果您不会说或听不懂询问所用的语言，将免费为您提供翻译人员。',
    'rights.officer': '{requestedAuthority}的司法人员将核实您的身份，并在整个询问过程中在场，以确保本国法律的基本原则得到遵守。',
    'rights.test': '询问开始前，您可以测试声音和图像。',
    'rights.refuseEvidence': '如果本国法律或请求国法律赋予您拒绝作证的权利，您可以拒绝作证。',
    'rights.silence': '您有权保持沉默；您所说的话可能被用作证据。',
    'rights.lawyer': '您有权委托律师，并有权在询问前和询问过程中与律师私下、保密地交谈。',
    'rights.consent': '以视频方式进行询问须经您同意。您可以拒绝；询问开始前将征求您的意见。',
    'summons.closing': '模板{version}。请妥善保管本通知书，并随身携带。',

    'invitation.subject': '视频庭审：{date}——{caseReference}号案件',
    'invitation.subjectCancelled': '已取消：{date}的视频庭审——{caseReference}号案件',
    'invitation.greeting': '尊敬的{name}：',
    'invitation.intro': '现邀请您参加{caseReference}号案件（{title}）的视频庭审，庭审在{court}与{requestedAuthority}之间进行。',
    'invitation.role': '您的参与身份：{function}。',
    'invitation.link': '您的个人链接（开始前30分钟开放；请勿转给他人，该链接用于识别您的身份）：',
    'invitation.ready':
      '请准备好：身份证件（身份证或护照）、一个可以自由交谈的安静房间，以及带摄像头和麦克风的电脑或手机。请提前30分钟打开链接，测试声音和图像。',
    'invitation.cancelled': '本次庭审已取消。您的个人链接已失效。请从您的日历中删除该日程；如确定新的日期，将另行通知您。',
    'invitation.location': '{court}与{requestedAuthority}之间的视频庭审',
    'invitation.contact': '有关本次庭审的问题，请联系：{name}，{email}',
    'invitation.subjectChanged': '时间变更：视频庭审：{date}——{caseReference}号案件',
    'invitation.changed': '本次庭审的时间已变更，新的时间见下文。您之前的链接已失效，请使用本邮件中的链接。',
    'invitation.subjectResumed': '延期后继续开庭：视频庭审：{date}——{caseReference}号案件',
    'invitation.resumed':
      '法院已将本次庭审延期至新的日期。庭审将于下文所示时间从中断处继续进行：此前开庭中已完成的程序继续有效。您之前的链接已失效，请使用本邮件中的链接。',
    'summons.mailSubject': '传唤通知书——{caseReference}号案件',
    'summons.mailText': '随附{caseReference}号案件视频庭审的传唤通知书及权利告知书，以您的语言写成。请仔细阅读并妥善保存。您参加庭审的个人链接将另函发送。',
  },
};
