using System.Text.Json;
using System.Text.Json.Serialization;

namespace Intake.Functions.Http.Responses;

/// <summary>
/// An enumeration written as its member's name in camelCase (<c>InvasiveConfirmed</c> is
/// <c>"invasiveConfirmed"</c>): the answers' values, <c>kind</c> and a contact attempt's channel
/// and outcome, exactly as <see cref="JsonEnum{T}"/> spells them. Results, priorities and statuses
/// are PascalCase (<see cref="PascalCaseEnum{T}"/>): <see cref="JsonStringEnumConverter{TEnum}"/> without a policy.
/// </summary>
/// <typeparam name="T">The enumeration.</typeparam>
public sealed class CamelCaseEnumConverter<T>() : JsonStringEnumConverter<T>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where T : struct, Enum;
