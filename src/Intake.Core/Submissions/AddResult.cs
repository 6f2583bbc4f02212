namespace Intake.Core.Submissions;

/// <summary>The outcome of storing a new submission.</summary>
public enum AddResult
{
    /// <summary>Stored now.</summary>
    Added,
    /// <summary>A submission with this id was already stored.</summary>
    AlreadyExists,
}
