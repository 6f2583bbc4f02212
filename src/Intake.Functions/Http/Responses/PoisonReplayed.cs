namespace Intake.Functions.Http.Responses;

/// <summary>The answer of <c>POST /api/poison/{queue}/replay</c>: the queue and how many messages went back to it.</summary>
public sealed record PoisonReplayed(string Queue, int Replayed);
