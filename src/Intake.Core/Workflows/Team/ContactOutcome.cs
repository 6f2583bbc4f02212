namespace Intake.Core.Workflows.Team;

/// <summary>What came of a contact attempt (api-2.md, "Working an item"); JSON strings in camelCase.</summary>
public enum ContactOutcome
{
    /// <summary>The team spoke with the person.</summary>
    Reached,
    /// <summary>A message was left (voicemail, a message with someone at home).</summary>
    LeftMessage,
    /// <summary>Nobody answered.</summary>
    NoAnswer,
    /// <summary>The number or address does not reach the person.</summary>
    WrongNumber,
}
