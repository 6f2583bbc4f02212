using System.Text.Json.Serialization;

namespace Intake.Core.ClinicalAnswers.Stored;

/// <summary>The source-generated serialiser of <see cref="StoredAnswersDocument"/>: members left out when not answered.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoredAnswersDocument))]
public sealed partial class StoredAnswersJson : JsonSerializerContext;
