using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace Intake.Functions.Tests;

/// <summary>Counts the requests a table client sends (an Azure SDK pipeline policy), for tests of how many a step needs.</summary>
internal sealed class RequestCounter : HttpPipelinePolicy
{
    private int _count;

    /// <summary>Requests sent so far.</summary>
    public int Count => _count;

    /// <summary>Client options that count every request, retries included.</summary>
    public TableClientOptions Options()
    {
        var options = new TableClientOptions();
        options.AddPolicy(this, HttpPipelinePosition.PerRetry);
        return options;
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Interlocked.Increment(ref _count);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Interlocked.Increment(ref _count);
        return ProcessNextAsync(message, pipeline);
    }
}
