using System.Text.Json.Serialization;

namespace Intake.Functions.Http.Responses;

/// <summary>
/// The source-generated serialiser of the response records: every JSON answer of the service is a
/// record of this folder, registered here with <c>[JsonSerializable]</c> and written with
/// <see cref="ApiJson.Ok{T}(T, System.Text.Json.Serialization.Metadata.JsonTypeInfo{T})"/> (or
/// <see cref="ApiJson.Accepted{T}"/>). Members are camelCase, as api.md writes them, and every one
/// is written (<c>null</c> too) unless the record leaves it out when null. Enumerations are strings
/// (docs/api-extensions.md, "Enumerations"): the answers' values, <c>kind</c> and a contact
/// attempt's channel and outcome camelCase (<see cref="CamelCaseEnumConverter{T}"/>); results,
/// priorities, outcomes and statuses PascalCase (<see cref="JsonStringEnumConverter{TEnum}"/>).
/// Dates are <c>YYYY-MM-DD</c>, times ISO 8601 with their offset.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    Converters =
    [
        typeof(CamelCaseEnumConverter<SubmissionKind>),
        typeof(CamelCaseEnumConverter<Sex>),
        typeof(CamelCaseEnumConverter<BreastCancerDiagnosis>),
        typeof(CamelCaseEnumConverter<YesNoUnknown>),
        typeof(CamelCaseEnumConverter<DiseaseStatus>),
        typeof(CamelCaseEnumConverter<PrimaryTissue>),
        typeof(CamelCaseEnumConverter<Site>),
        typeof(CamelCaseEnumConverter<Anesthesia>),
        typeof(CamelCaseEnumConverter<ContactChannel>),
        typeof(CamelCaseEnumConverter<ContactOutcome>),
        typeof(JsonStringEnumConverter<SubmissionStatus>),
        typeof(JsonStringEnumConverter<TeamStatus>),
        typeof(JsonStringEnumConverter<PrecheckResult>),
        typeof(JsonStringEnumConverter<Priority>),
        typeof(JsonStringEnumConverter<Outcome>),
        typeof(JsonStringEnumConverter<ReferralStatus>),
    ])]
[JsonSerializable(typeof(SignedInStaff))]
[JsonSerializable(typeof(SubmissionFileResponse))]
[JsonSerializable(typeof(ListPage))]
[JsonSerializable(typeof(PeopleFound))]
[JsonSerializable(typeof(AuditLogPage))]
[JsonSerializable(typeof(StatsResponse))]
[JsonSerializable(typeof(SubmissionAccepted))]
[JsonSerializable(typeof(ReferrerUpdateAccepted))]
[JsonSerializable(typeof(ChallengeResponse))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(PoisonReplayed))]
[JsonSerializable(typeof(PersonErased))]
public sealed partial class ResponseJson : JsonSerializerContext;
