using System.Text.Json.Nodes;

namespace Intake.Functions.Http.Routes;

/// <summary>
/// The JSON Schema of a submission's <c>answers</c>, made from the question table
/// (<see cref="Questions"/>) that the strict reader (<see cref="AnswersReader"/>) and the FHIR
/// Questionnaire are made from: one source for what is asked, how it is read and how it is described.
/// </summary>
public static class AnswersSchema
{
    /// <summary>The answers a submission of <paramref name="kind"/> may carry: a self-screening without the referral-only questions.</summary>
    public static JsonObject For(SubmissionKind kind) =>
        JsonSchemas.Object(Questions.All
            .Where(q => kind == SubmissionKind.Referral || !q.ReferralOnly)
            .Select(q => q.Required ? JsonSchemas.Required(q.Name, Of(q)) : JsonSchemas.Optional(q.Name, Of(q))));

    /// <summary>The schema of one question's answer.</summary>
    public static JsonObject Of(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var one = question.Type switch
        {
            QuestionType.Date => JsonSchemas.String("date"),
            QuestionType.Choice => JsonSchemas.OneOf(Questions.Codes(question.Enumeration!)),
            QuestionType.Integer => JsonSchemas.Integer(question.Minimum, question.Maximum),
            QuestionType.Boolean => JsonSchemas.Boolean(),
            QuestionType.Group => JsonSchemas.Object(question.Items.Select(i => i.Required ? JsonSchemas.Required(i.Name, Of(i)) : JsonSchemas.Optional(i.Name, Of(i)))),
            _ => throw new ArgumentOutOfRangeException(nameof(question), question.Type, "A question type without a schema."),
        };
        var schema = question.Repeats ? JsonSchemas.ArrayOf(one) : one;
        schema["description"] = question.Text.English;
        return schema;
    }
}
