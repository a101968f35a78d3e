/**
 * Portuguese letters (European Portuguese, like the pages' catalogue): see texts/en.ts for what each
 * message is for. Terms follow the Portuguese model texts (courtroom/model-texts/pt.ts).
 */
import type { LetterTexts } from './en.js';

export const pt: LetterTexts = {
  language: 'pt',
  version: 'pt-2026.4',
  locale: 'pt-PT',
  messages: {
    'document.draftWord': 'MINUTA',
    'document.draftMark': 'Minuta — não vale como notificação enquanto o horário não for acordado',
    'document.draftExplanation':
      'As duas autoridades ainda não acordaram o horário desta audição. Esta minuta mostra o conteúdo da notificação: não constitui notificação e não exige qualquer diligência da sua parte. A notificação propriamente dita ser-lhe-á feita logo que o horário seja acordado.',

    'when.heading': 'Data e hora',
    'when.proposedHeading': 'Horários propostos — ainda não acordados',
    'when.proposed':
      '{kind, select, slot {Este horário foi proposto; a outra autoridade ainda não o aceitou.} other {A audição terá lugar {count, plural, =1 {no período seguinte} other {num dos períodos seguintes}}; o horário exato ainda não foi acordado.}}',
    'when.yours': 'A sua hora local ({zone})',
    'when.court': 'Hora do tribunal, {court} ({zone})',
    'when.site': 'Hora local – {site} ({zone})',

    function:
      '{function, select, presiding_judge {Juiz presidente} requested_officer {Autoridade judiciária do Estado requerido} prosecutor {Ministério Público} counsel {Advogado} clerk {Oficial de justiça} interpreter {Intérprete} witness {Testemunha} expert {Perito} accused {Suspeito ou arguido} person_sought {Pessoa procurada para efeitos de extradição} person_heard {Pessoa a ouvir} other {Observador}}',

    'summons.title': 'Notificação para audição por videoconferência',
    'summons.intro':
      '{person}, fica notificado(a) para ser ouvido(a) na qualidade de {capacity, select, witness {testemunha} expert {perito} accused {suspeito ou arguido} other {pessoa procurada para efeitos de extradição}} no processo {caseReference}, a pedido de {court}.',
    'summons.whereHeading': 'Local de comparência',
    'summons.where': '{venue}, {requestedAuthority}.',
    'summons.bring':
      'Deve comparecer com 30 minutos de antecedência, munido(a) de um documento de identificação (cartão de cidadão, bilhete de identidade ou passaporte) e da presente notificação.',
    'summons.legalBasisHeading': 'Fundamento jurídico do pedido',
    'summons.legalBasis': '{instrument}, {article}.',
    'summons.conductedByHeading': 'A audição é conduzida por',
    'summons.rightsHeading': 'Os seus direitos',
    'rights.interpreter': 'Se não falar ou não compreender a língua da audição, será assistido(a) gratuitamente por um intérprete.',
    'rights.officer':
      'Um representante da autoridade judiciária requerida ({requestedAuthority}) verificará a sua identidade e estará presente durante toda a audição para assegurar o respeito pelos princípios fundamentais do direito deste Estado.',
    'rights.test': 'Antes da audição poderá testar o som e a imagem.',
    'rights.refuseEvidence': 'Pode recusar-se a depor quando a lei deste Estado ou a do Estado requerente lhe conferir esse direito.',
    'rights.silence': 'Tem o direito de se remeter ao silêncio; o que disser poderá ser utilizado como prova.',
    'rights.lawyer': 'Tem direito a ser assistido(a) por advogado e a falar com ele em privado e de forma confidencial antes e durante a audição.',
    'rights.consent':
      'A audição por videoconferência requer o seu consentimento. Pode recusá-la; o seu consentimento ser-lhe-á pedido antes do início da audição.',
    'summons.closing': 'Modelo {version}. Guarde este documento e traga-o consigo.',

    'invitation.subject': 'Audiência por videoconferência em {date} – processo {caseReference}',
    'invitation.subjectCancelled': 'Cancelada: audiência por videoconferência de {date} – processo {caseReference}',
    'invitation.greeting': 'Ex.mo(a) Senhor(a) {name},',
    'invitation.intro':
      'É convocado(a) para a audiência por videoconferência no processo {caseReference} ({title}), realizada entre {court} e {requestedAuthority}.',
    'invitation.role': 'Participa na qualidade de: {function}.',
    'invitation.link': 'O seu link pessoal (abre 30 minutos antes do início; não o transmita a ninguém, porque o/a identifica):',
    'invitation.ready':
      'Tenha à mão: um documento de identificação (cartão de cidadão, bilhete de identidade ou passaporte), uma sala sossegada onde possa falar livremente e um computador ou telemóvel com câmara e microfone. Abra o link 30 minutos antes para testar o som e a imagem.',
    'invitation.cancelled':
      'Esta audiência foi cancelada. O seu link pessoal já não funciona. Retire a marcação do seu calendário; será informado(a) se for fixada uma nova data.',
    'invitation.location': 'Audiência por videoconferência entre {court} e {requestedAuthority}',
    'invitation.contact': 'Questões sobre esta audiência: {name}, {email}',
    'invitation.subjectChanged': 'Nova hora: audiência por videoconferência em {date} – processo {caseReference}',
    'invitation.changed':
      'A hora desta audiência foi alterada: a nova hora consta abaixo. A sua ligação anterior deixou de funcionar; utilize a que consta desta mensagem.',
    'invitation.subjectResumed': 'Retoma da audiência após adiamento: por videoconferência em {date} – processo {caseReference}',
    'invitation.resumed':
      'O tribunal adiou esta audiência para uma nova data. Ela prossegue à hora indicada abaixo, a partir do ponto em que foi interrompida: o que foi feito na sessão anterior mantém-se. A sua ligação anterior deixou de funcionar; utilize a que consta desta mensagem.',
    'summons.mailSubject': 'Notificação – processo {caseReference}',
    'summons.mailText':
      'Segue em anexo a sua notificação para a audiência por videoconferência no processo {caseReference}, com a informação sobre os seus direitos, na sua língua. Leia-a com atenção e guarde-a. A sua ligação pessoal para a audiência seguirá numa mensagem separada.',
  },
};
