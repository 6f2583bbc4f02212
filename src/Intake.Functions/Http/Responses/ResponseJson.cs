using System.Text.Json.Serialization;

namespace Intake.Functions.Http.Responses;

/// <summary>
/// The source-generated serialiser of the response records (camelCase members, as api.md writes
/// them). A response record is added here with <c>[JsonSerializable]</c> and written with
/// <see cref="ApiJson.Ok{T}(T, System.Text.Json.Serialization.Metadata.JsonTypeInfo{T})"/>.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SignedInStaff))]
public sealed partial class ResponseJson : JsonSerializerContext;
