namespace Intake.Core.ClinicalAnswers;

/// <summary>
/// One member of a submission's <c>answers</c> (eligibility.md) as a question: its JSON name, the
/// kind of value it takes, its words, and the rules the strict reader applies to it. The
/// <see cref="Questions"/> table holds them all; the reader's field lists and the FHIR
/// Questionnaire are both made from it, so the two cannot drift apart.
/// </summary>
/// <param name="Name">The JSON member's name (<c>ecog</c>, <c>site</c>).</param>
/// <param name="Type">The kind of value.</param>
/// <param name="Text">The question's words, as the pages show them.</param>
public sealed record Question(string Name, QuestionType Type, LocalText Text)
{
    /// <summary>The dotted path from the answers' root (<c>scheduledClinicalBiopsy.site</c>); the member's name at the top.</summary>
    public string Path { get; init; } = Name;

    /// <summary>For a <see cref="QuestionType.Choice"/>: the enumeration whose JSON strings are the allowed values.</summary>
    public Type? Enumeration { get; init; }

    /// <summary>True when the question takes a list of values (<c>metastaticSites</c>).</summary>
    public bool Repeats { get; init; }

    /// <summary>True when the reader refuses the enclosing object without this member.</summary>
    public bool Required { get; init; }

    /// <summary>True for the members only a referral may carry.</summary>
    public bool ReferralOnly { get; init; }

    /// <summary>For an <see cref="QuestionType.Integer"/>: the smallest value allowed.</summary>
    public int Minimum { get; init; }

    /// <summary>For an <see cref="QuestionType.Integer"/>: the largest value allowed.</summary>
    public int Maximum { get; init; }

    /// <summary>For a <see cref="QuestionType.Group"/>: its members, in order.</summary>
    public IReadOnlyList<Question> Items { get; init; } = [];

    /// <summary>
    /// When the question makes sense only after another answer: any one of these conditions
    /// shows it. Forms use it to guide; it never changes how an answer is read.
    /// </summary>
    public IReadOnlyList<QuestionCondition> EnabledWhen { get; init; } = [];

    /// <summary>The names of <see cref="Items"/>: the members a group's object may have.</summary>
    public IReadOnlyList<string> ItemNames => Items.Select(i => i.Name).ToArray();
}
