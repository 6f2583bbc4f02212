namespace Intake.Core.ClinicalAnswers;

/// <summary>
/// The answers of eligibility.md as questions, once for everything that reads or shows them: the
/// strict reader takes its field lists from here (<see cref="AnswersReader.Fields"/>), and the FHIR
/// Questionnaire is built from it. The words are the pages' own (<c>wwwroot/assets/fields.js</c>,
/// the patient's wording in English and Spanish); the referral-only questions carry the protocol's
/// wording, as the referral form shows it. A test checks that these words are the pages' words.
/// </summary>
public static class Questions
{
    private static readonly LocalText Yes = new("Yes", "Sí");
    private static readonly LocalText No = new("No", "No");
    private static readonly LocalText NotSure = new("I'm not sure", "No estoy seguro/a");

    /// <summary>Every top-level question, in the spec's order.</summary>
    public static IReadOnlyList<Question> All { get; } =
    [
        new("dateOfBirth", QuestionType.Date, new("Your date of birth", "Su fecha de nacimiento")),
        Choice<Sex>("sex", new("Your sex", "Su sexo")),
        Choice<BreastCancerDiagnosis>("breastCancer", new("Which best describes your breast cancer?", "¿Qué describe mejor su cáncer de mama?")),
        Choice<YesNoUnknown>("distantMetastasis", new(
            "Have scans shown that the cancer has spread to other parts of the body (metastatic cancer)?",
            "¿Las imágenes mostraron que el cáncer se extendió a otras partes del cuerpo (cáncer metastásico)?")),
        Choice<Site>("metastaticSites", new(
            "Where has the cancer spread? Choose all that apply.",
            "¿A dónde se extendió el cáncer? Elija todas las que correspondan.")) with
        {
            Repeats = true,
            // Sites of spread make sense unless scans showed no spread.
            EnabledWhen = [new("distantMetastasis", null), new("distantMetastasis", "no", Not: true)],
        },
        Choice<DiseaseStatus>("diseaseStatus", new("How is the cancer doing now?", "¿Cómo está el cáncer ahora?")),
        Choice<PrimaryTissue>("primaryTissue", new(
            "Is tissue from your original breast tumour kept at a hospital or lab?",
            "¿Se guarda tejido de su tumor de mama original en un hospital o laboratorio?")),
        Group("scheduledClinicalBiopsy", new(
            "Is a biopsy or fluid drainage already planned as part of your care?",
            "¿Ya tiene programada una biopsia o un drenaje de líquido como parte de su atención?"),
            Choice<Site>("site", new("Where in the body?", "¿En qué parte del cuerpo?")) with { Required = true },
            new Question("date", QuestionType.Date, new("On what date?", "¿En qué fecha?")) { Required = true }),
        Choice<YesNoUnknown>("willingResearchBiopsy", new(
            "Would you be willing to have a biopsy just for research?",
            "¿Estaría dispuesto/a a hacerse una biopsia solo para investigación?")),
        Group("researchBiopsyPlan", new(
            "Planned research-only biopsy (Type 2: not lung or brain; local anaesthesia or IV conscious sedation only)",
            "Biopsia planificada solo para investigación (tipo 2: no de pulmón ni de cerebro; solo con anestesia local o sedación consciente intravenosa)"),
            Choice<Site>("site", new("Research biopsy site", "Sitio de la biopsia de investigación")) with { Required = true },
            Choice<Anesthesia>("anesthesia", new("Anaesthesia", "Anestesia"))) with
        {
            ReferralOnly = true,
            EnabledWhen = [new("willingResearchBiopsy", "yes")],
        },
        Choice<YesNoUnknown>("effusionCytologyConfirmed", new(
            "If fluid has been drained from around your lungs or your belly before, did the test show cancer cells?",
            "Si antes le drenaron líquido de alrededor de los pulmones o del abdomen, ¿la prueba mostró células de cáncer?")),
        new("ecog", QuestionType.Integer, new("Which best describes your everyday activity?", "¿Qué describe mejor su actividad diaria?")) { Minimum = 0, Maximum = 4 },
        Choice<YesNoUnknown>("canConsent", new(
            "Would you be able and willing to read and sign a consent form?",
            "¿Podría y estaría dispuesto/a a leer y firmar un formulario de consentimiento?")),
        Choice<YesNoUnknown>("pregnant", new("Are you pregnant, or could you be?", "¿Está embarazada o podría estarlo?")) with
        {
            // The pregnancy exclusion does not apply to a man (E5).
            EnabledWhen = [new("sex", null), new("sex", "male", Not: true)],
        },
        Choice<YesNoUnknown>("localAnestheticAllergy", new(
            "Have you ever had a serious allergic reaction to a numbing medicine (such as lidocaine)?",
            "¿Alguna vez tuvo una reacción alérgica grave a un anestésico local (como la lidocaína)?")),
        Choice<YesNoUnknown>("cognitiveImpairment", new(
            "Do memory problems, confusion or a mental-health condition make it hard to understand forms like this?",
            "¿Los problemas de memoria, la confusión o una condición de salud mental le dificultan entender formularios como este?")),
        Group("oncologistConcerns", new(
            "In the treating oncologist's or biopsy provider's opinion",
            "En opinión del oncólogo tratante o de quien hace la biopsia"),
            new Question("seriousComorbidity", QuestionType.Boolean, new(
                "Concurrent disease or condition rendering the patient inappropriate for study participation (E1)",
                "Enfermedad o condición concurrente que hace que el paciente no sea apto para participar en el estudio (E1)")),
            new Question("biopsySafetyRisk", QuestionType.Boolean, new(
                "Concurrent serious medical or psychiatric disorder that may interfere with the subject's safety during the procedure (E2)",
                "Trastorno médico o psiquiátrico grave concurrente que puede afectar la seguridad del sujeto durante el procedimiento (E2)")),
            new Question("hazardousCondition", QuestionType.Boolean, new(
                "Condition or laboratory finding that would make participation hazardous (E6)",
                "Condición o resultado de laboratorio que haría peligrosa la participación (E6)"))) with
        {
            ReferralOnly = true,
        },
    ];

    /// <summary>
    /// The referral's confirmation that the patient knows of it (api.md's <c>patientAwareOfReferral</c>):
    /// not an answer, but a question of the referral, which must be answered true.
    /// </summary>
    public static Question PatientAwareOfReferral { get; } = new("patientAwareOfReferral", QuestionType.Boolean,
        new("The patient knows of this referral", "El paciente sabe de esta derivación")) { Required = true };

    /// <summary>The top-level question named <paramref name="name"/>.</summary>
    public static Question Named(string name) => All.First(q => q.Name == name);

    /// <summary>
    /// The words of each value of an enumeration, as the pages show them to a patient (the
    /// anaesthesia of a plan, which only a referral carries, in the protocol's words).
    /// </summary>
    public static LocalText OptionText(Type enumeration, string code) => enumeration.Name switch
    {
        nameof(YesNoUnknown) => code switch { "yes" => Yes, "no" => No, _ => NotSure },
        nameof(Sex) => code switch
        {
            "female" => new("Female", "Femenino"),
            "male" => new("Male", "Masculino"),
            "other" => new("Other", "Otro"),
            _ => new("I'd rather not say", "Prefiero no decirlo"),
        },
        nameof(BreastCancerDiagnosis) => code switch
        {
            "invasiveConfirmed" => new("Invasive breast cancer, confirmed by a biopsy", "Cáncer de mama invasivo, confirmado con una biopsia"),
            "invasiveSuspected" => new("My doctors think it is invasive, but it is not confirmed yet", "Mis médicos creen que es invasivo, pero aún no está confirmado"),
            "inSituOnly" => new("Only \"in situ\" (non-invasive, such as DCIS)", "Solo \"in situ\" (no invasivo, como el CDIS)"),
            "none" => new("I have not been diagnosed with breast cancer", "No me han diagnosticado cáncer de mama"),
            _ => NotSure,
        },
        nameof(DiseaseStatus) => code switch
        {
            "progressing" => new("It has been growing or spreading recently", "Ha crecido o se ha extendido recientemente"),
            "deNovoStageIV" => new("It had already spread (stage IV) when it was first found", "Ya se había extendido (estadio IV) cuando lo encontraron"),
            "stable" => new("It is stable (not growing)", "Está estable (no crece)"),
            _ => NotSure,
        },
        nameof(PrimaryTissue) => code switch
        {
            "freshFrozen" => new("Yes, frozen tissue is kept", "Sí, se guarda tejido congelado"),
            "ffpe" => new("Yes, tissue saved from my original surgery or biopsy (wax block, FFPE)", "Sí, tejido guardado de mi cirugía o biopsia original (bloque de parafina, FFPE)"),
            "availableTypeUnknown" => new("Yes, but I do not know what kind", "Sí, pero no sé de qué tipo"),
            "none" => new("No, none was kept", "No, no se guardó"),
            _ => NotSure,
        },
        nameof(Site) => code switch
        {
            "breast" => new("Breast", "Mama"),
            "skinChestWall" => new("Skin or chest wall", "Piel o pared del tórax"),
            "lymphNodeSoftTissue" => new("Lymph nodes or soft tissue", "Ganglios linfáticos o tejidos blandos"),
            "liver" => new("Liver", "Hígado"),
            "bone" => new("Bones", "Huesos"),
            "lung" => new("Lungs", "Pulmones"),
            "brain" => new("Brain", "Cerebro"),
            "pleuralFluid" => new("Fluid around the lungs", "Líquido alrededor de los pulmones"),
            "ascites" => new("Fluid in the belly", "Líquido en el abdomen"),
            _ => new("Somewhere else", "En otro lugar"),
        },
        nameof(Anesthesia) => code switch
        {
            "local" => new("Local anaesthesia", "Anestesia local"),
            "ivConsciousSedation" => new("IV conscious sedation", "Sedación consciente intravenosa"),
            "general" => new("General anaesthesia", "Anestesia general"),
            _ => new("Unknown", "Desconocida"),
        },
        _ => throw new ArgumentException($"No words for the values of {enumeration.Name}.", nameof(enumeration)),
    };

    /// <summary>The JSON strings of an enumeration's values, in declaration order.</summary>
    public static IReadOnlyList<string> Codes(Type enumeration) =>
        Enum.GetNames(enumeration).Select(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName).ToArray();

    private static Question Choice<T>(string name, LocalText text) where T : struct, Enum =>
        new(name, QuestionType.Choice, text) { Enumeration = typeof(T) };

    private static Question Group(string name, LocalText text, params Question[] items) =>
        new(name, QuestionType.Group, text) { Items = items.Select(i => i with { Path = $"{name}.{i.Name}" }).ToArray() };
}
