namespace Intake.Functions.Storage;

/// <summary>What a row of a submission's partition holds (<see cref="SubmissionEntities.KindOf"/>).</summary>
internal enum SubmissionRowKind
{
    /// <summary>The clinical record.</summary>
    Record,

    /// <summary>The contact.</summary>
    Contact,

    /// <summary>The referrer.</summary>
    Referrer,

    /// <summary>A history entry, one per version.</summary>
    History,

    /// <summary>What is left after removal or erasure, without patient data.</summary>
    Tombstone,
}
