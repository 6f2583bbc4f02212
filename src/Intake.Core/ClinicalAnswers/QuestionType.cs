namespace Intake.Core.ClinicalAnswers;

/// <summary>What kind of value a question of the answers takes.</summary>
public enum QuestionType
{
    /// <summary>A calendar date, <c>YYYY-MM-DD</c>.</summary>
    Date,
    /// <summary>One value of an enumeration (or several, when the question repeats).</summary>
    Choice,
    /// <summary>A whole number in a range.</summary>
    Integer,
    /// <summary>True or false.</summary>
    Boolean,
    /// <summary>An object of further questions.</summary>
    Group,
}
