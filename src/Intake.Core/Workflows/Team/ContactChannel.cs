namespace Intake.Core.Workflows.Team;

/// <summary>How the team tried to reach a person (api-2.md, "Working an item"); JSON strings in camelCase.</summary>
public enum ContactChannel
{
    /// <summary>A phone call.</summary>
    Phone,
    /// <summary>An e-mail.</summary>
    Email,
    /// <summary>A letter.</summary>
    Letter,
}
