using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace Intake.Functions.Tests;

/// <summary>
/// Counts the requests a table client sends (an Azure SDK pipeline policy), for tests of how many a
/// step needs, and keeps their addresses, for tests of what the storage client's log and trace
/// spans would record.
/// </summary>
internal sealed class RequestCounter : HttpPipelinePolicy
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _addresses = new();
    private int _count;

    /// <summary>The address of every request sent so far.</summary>
    public IReadOnlyCollection<string> Addresses => _addresses;

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
        _addresses.Enqueue(message.Request.Uri.ToString());
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Interlocked.Increment(ref _count);
        _addresses.Enqueue(message.Request.Uri.ToString());
        return ProcessNextAsync(message, pipeline);
    }
}
