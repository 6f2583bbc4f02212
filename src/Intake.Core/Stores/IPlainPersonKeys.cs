namespace Intake.Core.Stores;

/// <summary>
/// What is still stored under the plain SHA-256 person digests written before person keys: people
/// index entries, and records whose <see cref="Submission.PersonKeys"/> are plain digests.
/// </summary>
public interface IPlainPersonKeys : ISubmissionsToMigrate;
