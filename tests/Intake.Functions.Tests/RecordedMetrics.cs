using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Intake.Functions.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace Intake.Functions.Tests;

/// <summary>
/// An <see cref="IntakeMetrics"/> on a meter factory of its own, and every measurement its
/// instruments take (a <see cref="MeterListener"/> that hears only that factory's meters, so that
/// tests running side by side do not mix).
/// </summary>
internal sealed class RecordedMetrics : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags)> _measurements = new();

    public RecordedMetrics(IPoisonQueues? poison = null, TimeProvider? time = null)
    {
        var factory = _services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == factory)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Note(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Note(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Note(instrument, value, tags));
        _listener.Start();
        Metrics = new IntakeMetrics(factory, poison ?? Mock.Of<IPoisonQueues>(), time ?? TimeProvider.System, NullLogger<IntakeMetrics>.Instance);
    }

    /// <summary>The metrics under test.</summary>
    public IntakeMetrics Metrics { get; }

    /// <summary>The measurements of <paramref name="instrument"/> so far.</summary>
    public IReadOnlyList<(double Value, IReadOnlyDictionary<string, object?> Tags)> Of(string instrument) =>
        [.. _measurements.Where(m => m.Instrument == instrument).Select(m => (m.Value, m.Tags))];

    /// <summary>Asks the observable instruments (the poison gauge) for their values now.</summary>
    public void Observe() => _listener.RecordObservableInstruments();

    private void Note<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags) where T : struct =>
        _measurements.Enqueue((instrument.Name, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }
}
