namespace Intake.Functions.Http;

/// <summary>What a staff route reads or changes, which decides whether <see cref="StaffRoute"/> writes an audit entry.</summary>
public enum StaffData
{
    /// <summary>Reads or changes patient data (a submission, a list, an action on a person): every request is audited before it answers.</summary>
    PatientData,

    /// <summary>Counts only, no patient data (the funnel): not audited.</summary>
    CountsOnly,

    /// <summary>Only who asks, no patient data (<c>GET /api/me</c>): not audited.</summary>
    CallerOnly,
}
