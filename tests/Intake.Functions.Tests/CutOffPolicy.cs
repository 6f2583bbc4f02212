using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace Intake.Functions.Tests;

/// <summary>
/// Cuts a table client off at the first request that <paramref name="at"/> picks (an Azure SDK pipeline
/// policy that throws instead of sending it): what a process that dies at that point leaves behind. Every
/// request after it is sent as usual.
/// </summary>
internal sealed class CutOffPolicy(Func<Request, bool> at) : HttpPipelinePolicy
{
    private int _cut;

    /// <summary>Whether the cut has happened.</summary>
    public bool HasCut => _cut == 1;

    /// <summary>Client options with the cut, before any retry (the request is never sent).</summary>
    public TableClientOptions Options()
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 0;
        options.AddPolicy(this, HttpPipelinePosition.PerCall);
        return options;
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Cut(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Cut(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Cut(HttpMessage message)
    {
        if (at(message.Request) && Interlocked.CompareExchange(ref _cut, 1, 0) == 0)
        {
            throw new IOException("Cut off here (the process died).");
        }
    }
}
