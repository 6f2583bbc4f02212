// The answers of eligibility.md, described once for every page: the patient's form (plain words,
// English and Spanish), the referral form and the team's corrections (the protocol's terms).
// Values are the API's exact strings.

const yesNoUnsure = {
  patient: {
    en: { yes: 'Yes', no: 'No', unknown: "I'm not sure" },
    es: { yes: 'Sí', no: 'No', unknown: 'No estoy seguro/a' },
  },
  protocol: { yes: 'Yes', no: 'No', unknown: 'Unknown' },
};

export const SITES = ['breast', 'skinChestWall', 'lymphNodeSoftTissue', 'liver', 'bone', 'lung', 'brain', 'pleuralFluid', 'ascites', 'other'];

export const SITE_LABELS = {
  en: {
    breast: 'Breast', skinChestWall: 'Skin or chest wall', lymphNodeSoftTissue: 'Lymph nodes or soft tissue', liver: 'Liver', bone: 'Bones',
    lung: 'Lungs', brain: 'Brain', pleuralFluid: 'Fluid around the lungs', ascites: 'Fluid in the belly', other: 'Somewhere else',
  },
  es: {
    breast: 'Mama', skinChestWall: 'Piel o pared del tórax', lymphNodeSoftTissue: 'Ganglios linfáticos o tejidos blandos', liver: 'Hígado', bone: 'Huesos',
    lung: 'Pulmones', brain: 'Cerebro', pleuralFluid: 'Líquido alrededor de los pulmones', ascites: 'Líquido en el abdomen', other: 'En otro lugar',
  },
  protocol: {
    breast: 'Breast', skinChestWall: 'Skin/chest wall', lymphNodeSoftTissue: 'Lymph node/soft tissue', liver: 'Liver', bone: 'Bone',
    lung: 'Lung', brain: 'Brain', pleuralFluid: 'Pleural fluid', ascites: 'Ascites', other: 'Other',
  },
};

/**
 * Each answer: its API name, kind, the protocol's wording, and the patient's wording in English
 * and Spanish. `unsure` marks where the spec allows "unknown": the patient form offers
 * "I'm not sure" there.
 */
export const FIELDS = [
  {
    name: 'dateOfBirth', kind: 'date',
    protocol: 'Date of birth (I7: age 18 or older)',
    en: { label: 'Your date of birth', help: 'The study is for adults aged 18 or older.' },
    es: { label: 'Su fecha de nacimiento', help: 'El estudio es para adultos de 18 años o más.' },
  },
  {
    name: 'sex', kind: 'choice', values: ['female', 'male', 'other', 'undisclosed'],
    protocol: 'Sex', protocolOptions: { female: 'Female', male: 'Male', other: 'Other', undisclosed: 'Undisclosed' },
    en: { label: 'Your sex', options: { female: 'Female', male: 'Male', other: 'Other', undisclosed: "I'd rather not say" } },
    es: { label: 'Su sexo', options: { female: 'Femenino', male: 'Masculino', other: 'Otro', undisclosed: 'Prefiero no decirlo' } },
  },
  {
    name: 'breastCancer', kind: 'choice', values: ['invasiveConfirmed', 'invasiveSuspected', 'inSituOnly', 'none', 'unknown'], unsure: true,
    protocol: 'Histologically confirmed or suspected invasive breast cancer (I1)',
    protocolOptions: { invasiveConfirmed: 'Invasive, histologically confirmed', invasiveSuspected: 'Invasive, suspected', inSituOnly: 'In situ only', none: 'None', unknown: 'Unknown' },
    en: {
      label: 'Which best describes your breast cancer?',
      help: '"Invasive" means the cancer has grown beyond where it started. Your care team or pathology report can tell you.',
      options: { invasiveConfirmed: 'Invasive breast cancer, confirmed by a biopsy', invasiveSuspected: 'My doctors think it is invasive, but it is not confirmed yet', inSituOnly: 'Only "in situ" (non-invasive, such as DCIS)', none: 'I have not been diagnosed with breast cancer', unknown: "I'm not sure" },
    },
    es: {
      label: '¿Qué describe mejor su cáncer de mama?',
      help: '"Invasivo" significa que el cáncer creció más allá de donde empezó. Su equipo médico o el informe de patología se lo pueden decir.',
      options: { invasiveConfirmed: 'Cáncer de mama invasivo, confirmado con una biopsia', invasiveSuspected: 'Mis médicos creen que es invasivo, pero aún no está confirmado', inSituOnly: 'Solo "in situ" (no invasivo, como el CDIS)', none: 'No me han diagnosticado cáncer de mama', unknown: 'No estoy seguro/a' },
    },
  },
  {
    name: 'distantMetastasis', kind: 'choice', values: ['yes', 'no', 'unknown'], unsure: true,
    protocol: 'Radiographic evidence of distant metastatic disease (I2)', protocolOptions: yesNoUnsure.protocol,
    en: { label: 'Have scans shown that the cancer has spread to other parts of the body (metastatic cancer)?', help: 'For example a CT, PET or bone scan.', options: yesNoUnsure.patient.en },
    es: { label: '¿Las imágenes mostraron que el cáncer se extendió a otras partes del cuerpo (cáncer metastásico)?', help: 'Por ejemplo, una tomografía, un PET o una gammagrafía ósea.', options: yesNoUnsure.patient.es },
  },
  {
    name: 'metastaticSites', kind: 'sites',
    protocol: 'Sites of metastatic disease (I5)',
    en: { label: 'Where has the cancer spread? Choose all that apply.', help: 'Leave all unticked if you do not know.' },
    es: { label: '¿A dónde se extendió el cáncer? Elija todas las que correspondan.', help: 'Deje todo sin marcar si no lo sabe.' },
  },
  {
    name: 'diseaseStatus', kind: 'choice', values: ['progressing', 'deNovoStageIV', 'stable', 'unknown'], unsure: true,
    protocol: 'Clinical or radiographic progression, or de novo stage IV (I3)',
    protocolOptions: { progressing: 'Progressing', deNovoStageIV: 'De novo stage IV', stable: 'Stable', unknown: 'Unknown' },
    en: {
      label: 'How is the cancer doing now?',
      options: { progressing: 'It has been growing or spreading recently', deNovoStageIV: 'It had already spread (stage IV) when it was first found', stable: 'It is stable (not growing)', unknown: "I'm not sure" },
    },
    es: {
      label: '¿Cómo está el cáncer ahora?',
      options: { progressing: 'Ha crecido o se ha extendido recientemente', deNovoStageIV: 'Ya se había extendido (estadio IV) cuando lo encontraron', stable: 'Está estable (no crece)', unknown: 'No estoy seguro/a' },
    },
  },
  {
    name: 'primaryTissue', kind: 'choice', values: ['freshFrozen', 'ffpe', 'availableTypeUnknown', 'none', 'unknown'], unsure: true,
    protocol: 'Archived tissue from the initial breast primary (I4; FFPE acceptable, fresh frozen preferred)',
    protocolOptions: { freshFrozen: 'Fresh frozen', ffpe: 'FFPE', availableTypeUnknown: 'Available, type unknown', none: 'None', unknown: 'Unknown' },
    en: {
      label: 'Is tissue from your original breast tumour kept at a hospital or lab?',
      help: 'When a tumour is removed or biopsied, the lab usually keeps some tissue, most often in a wax block (called FFPE). Tissue saved from your original surgery or biopsy is what this asks about.',
      options: { freshFrozen: 'Yes, frozen tissue is kept', ffpe: 'Yes, tissue saved from my original surgery or biopsy (wax block, FFPE)', availableTypeUnknown: 'Yes, but I do not know what kind', none: 'No, none was kept', unknown: "I'm not sure" },
    },
    es: {
      label: '¿Se guarda tejido de su tumor de mama original en un hospital o laboratorio?',
      help: 'Cuando se extirpa o se hace una biopsia de un tumor, el laboratorio suele guardar tejido, casi siempre en un bloque de parafina (llamado FFPE). La pregunta es sobre el tejido guardado de su cirugía o biopsia original.',
      options: { freshFrozen: 'Sí, se guarda tejido congelado', ffpe: 'Sí, tejido guardado de mi cirugía o biopsia original (bloque de parafina, FFPE)', availableTypeUnknown: 'Sí, pero no sé de qué tipo', none: 'No, no se guardó', unknown: 'No estoy seguro/a' },
    },
  },
  {
    name: 'scheduledClinicalBiopsy', kind: 'biopsy',
    protocol: 'Scheduled clinically directed biopsy or fluid collection (I5, Type 1)',
    en: {
      label: 'Is a biopsy or fluid drainage already planned as part of your care?',
      help: 'If so, the study could take a little extra tissue during that same procedure, with no extra procedure for you.',
      yes: 'Yes', no: 'No, or I do not know', site: 'Where in the body?', date: 'On what date?',
    },
    es: {
      label: '¿Ya tiene programada una biopsia o un drenaje de líquido como parte de su atención?',
      help: 'Si es así, el estudio podría tomar un poco más de tejido durante ese mismo procedimiento, sin un procedimiento adicional.',
      yes: 'Sí', no: 'No, o no lo sé', site: '¿En qué parte del cuerpo?', date: '¿En qué fecha?',
    },
  },
  {
    name: 'willingResearchBiopsy', kind: 'choice', values: ['yes', 'no', 'unknown'], unsure: true,
    protocol: 'Willing to undergo a research-only biopsy (I5, Type 2)', protocolOptions: yesNoUnsure.protocol,
    en: { label: 'Would you be willing to have a biopsy just for research?', help: 'It would be done with local numbing or light sedation, never under general anaesthesia, and never of the lungs or brain.', options: yesNoUnsure.patient.en },
    es: { label: '¿Estaría dispuesto/a a hacerse una biopsia solo para investigación?', help: 'Se haría con anestesia local o sedación leve, nunca con anestesia general, y nunca de los pulmones ni del cerebro.', options: yesNoUnsure.patient.es },
  },
  {
    name: 'researchBiopsyPlan', kind: 'plan', referralOnly: true,
    protocol: 'Planned research-only biopsy (Type 2: not lung or brain; local anaesthesia or IV conscious sedation only)',
    anesthesia: { local: 'Local anaesthesia', ivConsciousSedation: 'IV conscious sedation', general: 'General anaesthesia', unknown: 'Unknown' },
  },
  {
    name: 'effusionCytologyConfirmed', kind: 'choice', values: ['yes', 'no', 'unknown'], unsure: true,
    protocol: 'Previous cytologic confirmation of malignant pleural effusion or ascites (I6)', protocolOptions: yesNoUnsure.protocol,
    en: { label: 'If fluid has been drained from around your lungs or your belly before, did the test show cancer cells?', help: 'Answer "I\'m not sure" if this never happened.', options: yesNoUnsure.patient.en },
    es: { label: 'Si antes le drenaron líquido de alrededor de los pulmones o del abdomen, ¿la prueba mostró células de cáncer?', help: 'Responda "No estoy seguro/a" si esto nunca ocurrió.', options: yesNoUnsure.patient.es },
  },
  {
    name: 'ecog', kind: 'ecog',
    protocol: 'ECOG performance status (I8: 0–2)',
    protocolOptions: { 0: '0: fully active', 1: '1: restricted in strenuous activity', 2: '2: ambulatory, self-care, up > 50% of waking hours', 3: '3: limited self-care, in bed or chair > 50%', 4: '4: completely disabled' },
    en: {
      label: 'Which best describes your everyday activity?',
      options: {
        0: 'I can do everything I did before I was ill',
        1: 'I cannot do heavy work, but I can do light work such as housework or office work',
        2: 'I can look after myself, but I cannot work; I am up and about more than half of the day',
        3: 'I can only partly look after myself; I am in bed or a chair more than half of the day',
        4: 'I cannot look after myself at all; I am in bed or a chair all day',
        '': "I'm not sure",
      },
    },
    es: {
      label: '¿Qué describe mejor su actividad diaria?',
      options: {
        0: 'Puedo hacer todo lo que hacía antes de enfermarme',
        1: 'No puedo hacer trabajo pesado, pero sí trabajo ligero, como tareas de la casa o de oficina',
        2: 'Puedo cuidarme solo/a, pero no puedo trabajar; estoy levantado/a más de la mitad del día',
        3: 'Solo puedo cuidarme en parte; estoy en la cama o en una silla más de la mitad del día',
        4: 'No puedo cuidarme; estoy en la cama o en una silla todo el día',
        '': 'No estoy seguro/a',
      },
    },
  },
  {
    name: 'canConsent', kind: 'choice', values: ['yes', 'no', 'unknown'], unsure: true,
    protocol: 'Able to understand and willing to sign an informed consent document (I9)', protocolOptions: yesNoUnsure.protocol,
    en: { label: 'Would you be able and willing to read and sign a consent form?', help: 'A family member may help you understand it.', options: yesNoUnsure.patient.en },
    es: { label: '¿Podría y estaría dispuesto/a a leer y firmar un formulario de consentimiento?', help: 'Un familiar puede ayudarle a entenderlo.', options: yesNoUnsure.patient.es },
  },
  {
    name: 'pregnant', kind: 'choice', values: ['yes', 'no', 'unknown'], unsure: true,
    protocol: 'Pregnancy (E5)', protocolOptions: yesNoUnsure.protocol,
    en: { label: 'Are you pregnant, or could you be?', options: yesNoUnsure.patient.en },
    es: { label: '¿Está embarazada o podría estarlo?', options: yesNoUnsure.patient.es },
  },
  {
    name: 'localAnestheticAllergy', kind: 'choice', values: ['yes', 'no', 'unknown'], unsure: true,
    protocol: 'Serious or life-threatening allergic reaction to local anaesthetics, e.g. lidocaine, xylocaine (E4)', protocolOptions: yesNoUnsure.protocol,
    en: { label: 'Have you ever had a serious allergic reaction to a numbing medicine (such as lidocaine)?', options: yesNoUnsure.patient.en },
    es: { label: '¿Alguna vez tuvo una reacción alérgica grave a un anestésico local (como la lidocaína)?', options: yesNoUnsure.patient.es },
  },
  {
    name: 'cognitiveImpairment', kind: 'choice', values: ['yes', 'no', 'unknown'], unsure: true,
    protocol: 'Dementia, altered mental status, or psychiatric condition prohibiting informed consent (E3)', protocolOptions: yesNoUnsure.protocol,
    en: { label: 'Do memory problems, confusion or a mental-health condition make it hard to understand forms like this?', options: yesNoUnsure.patient.en },
    es: { label: '¿Los problemas de memoria, la confusión o una condición de salud mental le dificultan entender formularios como este?', options: yesNoUnsure.patient.es },
  },
  {
    name: 'oncologistConcerns', kind: 'concerns', referralOnly: true,
    protocol: "In the treating oncologist's or biopsy provider's opinion",
    members: {
      seriousComorbidity: 'Concurrent disease or condition rendering the patient inappropriate for study participation (E1)',
      biopsySafetyRisk: "Concurrent serious medical or psychiatric disorder that may interfere with the subject's safety during the procedure (E2)",
      hazardousCondition: 'Condition or laboratory finding that would make participation hazardous (E6)',
    },
  },
];

/** The field of a given API name. */
export const field = (name) => FIELDS.find((f) => f.name === name);
