using System.Text.Json.Serialization;

namespace Intake.Core.Workflows.Alerts;

/// <summary>What an alert is about. In a queue message, its name (<c>"UrgentItem"</c>), whatever serializer reads it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertKind>))]
public enum AlertKind
{
    /// <summary>An item became urgent on the worklist: the study team is told at once.</summary>
    UrgentItem,
    /// <summary>The team chose to tell a referral's referrer where it stands.</summary>
    ReferrerUpdate,
}
