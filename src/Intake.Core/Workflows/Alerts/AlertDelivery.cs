namespace Intake.Core.Workflows.Alerts;

/// <summary>How an urgent alert reaches the study team.</summary>
public enum AlertDelivery
{
    /// <summary>In its own e-mail: the hour's budget had a slot for it.</summary>
    Single,
    /// <summary>Counted in the digest e-mail of its hour: the hour's budget was spent.</summary>
    Digest,
}
