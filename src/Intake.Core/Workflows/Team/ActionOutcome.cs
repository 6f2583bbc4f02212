using System.Text.Json;

namespace Intake.Core.Workflows.Team;

/// <summary>What a team action did.</summary>
public enum ActionOutcome
{
    /// <summary>Done, and recorded in the history.</summary>
    Done,
    /// <summary>No submission has this id.</summary>
    NotFound,
    /// <summary>The action does not fit where the submission stands (e.g. reopening one on the worklist).</summary>
    NotApplicable,
}
