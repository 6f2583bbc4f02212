using Hl7.Fhir.Model;

namespace Intake.Core.Fhir;

/// <summary>
/// The referral's questions as an R4 Questionnaire (api-2.md, <c>GET /fhir/Questionnaire/referral</c>),
/// made from <see cref="Questions"/>: one item per member of the answers, named after it; a nested
/// object is a <c>group</c> whose items carry the dotted path; enumerations are <c>choice</c> items
/// whose options are codings of the service's code systems; <c>required</c> exactly where the strict
/// reader requires the member, and on <c>patientAwareOfReferral</c>. English, with Spanish translations.
/// </summary>
public static class ReferralQuestionnaire
{
    /// <summary>The Questionnaire's id under <c>/fhir/Questionnaire</c>.</summary>
    public const string Id = "referral";

    /// <summary>Builds the Questionnaire (a new instance each time, free to change).</summary>
    public static Questionnaire Build() => new()
    {
        Id = Id,
        Url = FhirCanonical.QuestionnaireUrl,
        Version = FhirCanonical.QuestionnaireVersion,
        Name = "Nct03737695Referral",
        Title = "Referral to NCT03737695, a registry of metastatic breast cancer (Mayo Clinic, Rochester)",
        Status = PublicationStatus.Active,
        Experimental = false,
        Publisher = "NCT03737695 intake",
        SubjectType = [ResourceType.Patient],
        Language = "en",
        Item = [.. Questions.All.Select(ItemOf), ItemOf(Questions.PatientAwareOfReferral)],
    };

    private static Questionnaire.ItemComponent ItemOf(Question question)
    {
        var item = new Questionnaire.ItemComponent
        {
            LinkId = question.Path,
            Text = question.Text.English,
            Type = question.Type switch
            {
                QuestionType.Date => Questionnaire.QuestionnaireItemType.Date,
                QuestionType.Choice => Questionnaire.QuestionnaireItemType.Choice,
                QuestionType.Integer => Questionnaire.QuestionnaireItemType.Integer,
                QuestionType.Boolean => Questionnaire.QuestionnaireItemType.Boolean,
                _ => Questionnaire.QuestionnaireItemType.Group,
            },
            Required = question.Required,
            Repeats = question.Repeats,
        };
        FhirText.Translate(item.TextElement!, question.Text.Spanish);
        if (question.Enumeration is { } enumeration)
        {
            foreach (var code in Questions.Codes(enumeration))
            {
                var coding = FhirAnswers.CodingOf(enumeration, code);
                item.AnswerOption.Add(new Questionnaire.AnswerOptionComponent { Value = coding });
            }
        }
        if (question.Type == QuestionType.Integer)
        {
            item.Extension.Add(new Extension("http://hl7.org/fhir/StructureDefinition/minValue", new Integer(question.Minimum)));
            item.Extension.Add(new Extension("http://hl7.org/fhir/StructureDefinition/maxValue", new Integer(question.Maximum)));
        }
        foreach (var condition in question.EnabledWhen)
        {
            var other = Find(condition.Path);
            item.EnableWhen.Add(condition.Code is { } code
                ? new Questionnaire.EnableWhenComponent
                {
                    Question = condition.Path,
                    Operator = condition.Not ? Questionnaire.QuestionnaireItemOperator.NotEqual : Questionnaire.QuestionnaireItemOperator.Equal,
                    Answer = FhirAnswers.CodingOf(other.Enumeration!, code),
                }
                : new Questionnaire.EnableWhenComponent
                {
                    Question = condition.Path,
                    Operator = Questionnaire.QuestionnaireItemOperator.Exists,
                    Answer = new FhirBoolean(false),
                });
        }
        if (item.EnableWhen.Count > 1)
        {
            item.EnableBehavior = Questionnaire.EnableWhenBehavior.Any;
        }
        item.Item = question.Items.Select(ItemOf).ToList();
        return item;
    }

    private static Question Find(string path) => Questions.All.First(q => q.Path == path);
}
