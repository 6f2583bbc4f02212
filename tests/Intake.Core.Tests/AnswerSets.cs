namespace Intake.Core.Tests;

/// <summary>Answer sets shared by the tests.</summary>
internal static class AnswerSets
{
    /// <summary>eligibility.md's all-Met baseline (a self-screening), 54 years old on 2026-11-26.</summary>
    public static Answers Baseline => Intake.Testing.SpecExamples.Baseline;
}
