using System.Text.Json;
using Hl7.Fhir.Model;

namespace Intake.Core.Fhir;

/// <summary>
/// Answers as the items of a QuestionnaireResponse to the referral Questionnaire, item for item
/// what <see cref="ReferralBundleReader"/> reads back into the same answers. Written from the
/// answers' JSON (<see cref="AnswersWriter"/>) by the <see cref="Questions"/> table, so that both
/// forms of the answers follow the one definition.
/// </summary>
public static class FhirAnswers
{
    /// <summary>The coding of an enumeration's value, as the Questionnaire's answer options have it.</summary>
    public static Coding CodingOf(Type enumeration, string code)
    {
        var text = Questions.OptionText(enumeration, code);
        var coding = new Coding(ServiceCodeSystems.SystemOf(enumeration), code, text.English);
        FhirText.Translate(coding.DisplayElement!, text.Spanish);
        return coding;
    }

    /// <summary>
    /// The items of <paramref name="answers"/>, in the Questionnaire's order; an unanswered member
    /// has no item. An empty list of sites is an item without answers. A referral ends with
    /// <c>patientAwareOfReferral</c> <c>true</c>, which every stored referral was sent with.
    /// </summary>
    public static List<QuestionnaireResponse.ItemComponent> ItemsOf(Answers answers, SubmissionKind kind)
    {
        using var document = JsonDocument.Parse(AnswersWriter.ToJson(answers));
        var items = new List<QuestionnaireResponse.ItemComponent>();
        foreach (var question in Questions.All)
        {
            if (document.RootElement.TryGetProperty(question.Name, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                items.Add(ItemOf(question, value));
            }
        }
        if (kind == SubmissionKind.Referral)
        {
            items.Add(new QuestionnaireResponse.ItemComponent
            {
                LinkId = Questions.PatientAwareOfReferral.Path,
                Text = Questions.PatientAwareOfReferral.Text.English,
                Answer = [new QuestionnaireResponse.AnswerComponent { Value = new FhirBoolean(true) }],
            });
        }
        return items;
    }

    private static QuestionnaireResponse.ItemComponent ItemOf(Question question, JsonElement value)
    {
        var item = new QuestionnaireResponse.ItemComponent { LinkId = question.Path, Text = question.Text.English };
        if (question.Type == QuestionType.Group)
        {
            foreach (var member in question.Items)
            {
                if (value.TryGetProperty(member.Name, out var memberValue) && memberValue.ValueKind != JsonValueKind.Null)
                {
                    item.Item.Add(ItemOf(member, memberValue));
                }
            }
            return item;
        }
        var values = question.Repeats ? value.EnumerateArray().ToArray() : [value];
        item.Answer = values.Select(v => new QuestionnaireResponse.AnswerComponent { Value = ValueOf(question, v) }).ToList();
        return item;
    }

    private static DataType ValueOf(Question question, JsonElement value) => question.Type switch
    {
        QuestionType.Choice => CodingOf(question.Enumeration!, value.GetString()!),
        QuestionType.Date => new Date(value.GetString()),
        QuestionType.Integer => new Integer(value.GetInt32()),
        _ => new FhirBoolean(value.GetBoolean()),
    };
}
