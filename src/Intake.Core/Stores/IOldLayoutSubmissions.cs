namespace Intake.Core.Stores;

/// <summary>
/// The submissions still stored in the layout before each row key ended with the submission's id
/// (docs/storage.md, "Row keys"), and their rewriting into the new one.
/// </summary>
public interface IOldLayoutSubmissions : ISubmissionsToMigrate;
