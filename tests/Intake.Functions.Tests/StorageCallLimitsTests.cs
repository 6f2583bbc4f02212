using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Intake.Functions.Storage;

namespace Intake.Functions.Tests;

/// <summary>
/// <see cref="StorageCallLimits"/>: a storage call cannot outlast the reconciler's grace, so a write
/// still running cannot commit after the reconciler took its submission for never stored.
/// </summary>
public sealed class StorageCallLimitsTests
{
    private const string AzuriteKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(new IntakeOptions().ReconcileAfterMinutes);

    [Fact]
    public void Every_client_the_app_makes_has_bounded_retries_and_network_timeout()
    {
        var connection = StorageConnection.From(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        var tables = new TableClientOptions();
        var queues = new QueueClientOptions();

        connection.CreateTableServiceClient(tables);
        connection.CreateQueueServiceClient(queues);

        foreach (var retry in new[] { tables.Retry, queues.Retry })
        {
            Assert.Equal(RetryMode.Exponential, retry.Mode);
            Assert.Equal(StorageCallLimits.MaxRetries, retry.MaxRetries);
            Assert.Equal(StorageCallLimits.RetryDelay, retry.Delay);
            Assert.Equal(StorageCallLimits.MaxRetryDelay, retry.MaxDelay);
            Assert.Equal(StorageCallLimits.NetworkTimeout, retry.NetworkTimeout);
        }
    }

    [Fact]
    public void The_longest_a_call_can_take_is_well_below_the_reconcilers_default_grace()
    {
        // No try starts after the deadline; a running try is cut at it; the last back-off may start just before it.
        var longest = StorageCallLimits.CallDeadline + StorageCallLimits.MaxRetryDelay;
        // Even without the deadline, the tries themselves are bounded.
        var withoutDeadline = (StorageCallLimits.MaxRetries + 1) * StorageCallLimits.NetworkTimeout + StorageCallLimits.MaxRetries * StorageCallLimits.MaxRetryDelay;

        Assert.True(longest * 3 <= Grace, $"A call may take {longest}, the grace is {Grace}.");
        Assert.True(withoutDeadline < Grace, $"The tries may take {withoutDeadline}, the grace is {Grace}.");
    }

    [Fact]
    public async Task A_call_to_a_storage_endpoint_that_never_answers_ends_with_the_deadline_not_the_callers_cancellation()
    {
        // Accepts connections and reads requests, but never answers.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var held = new ConcurrentBag<TcpClient>();
        using var stop = new CancellationTokenSource();
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    held.Add(await listener.AcceptTcpClientAsync(stop.Token));
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
        var options = new TableClientOptions();
        StorageCallLimits.Apply(options, deadline: TimeSpan.FromSeconds(1));
        var table = new TableServiceClient(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteKey};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;",
            options).GetTableClient("never");

        var failure = await Record.ExceptionAsync(() => table.GetEntityIfExistsAsync<TableEntity>("p", "r", cancellationToken: CancellationToken.None));

        var deadline = failure as StorageDeadlineExceededException
            ?? (failure as AggregateException)?.InnerExceptions.OfType<StorageDeadlineExceededException>().SingleOrDefault();
        Assert.True(deadline is not null, $"Expected the call's deadline, got {failure}");
        Assert.IsAssignableFrom<TimeoutException>(deadline);
        Assert.True(!held.IsEmpty, "The request reached the endpoint.");

        await stop.CancelAsync();
        await accepting;
        foreach (var client in held)
        {
            client.Dispose();
        }
        listener.Stop();
    }
}
