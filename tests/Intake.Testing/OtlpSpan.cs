namespace Intake.Testing;

/// <summary>
/// A span read from an OTLP <c>ExportTraceServiceRequest</c> (opentelemetry-proto's trace.proto),
/// with just what the tests look at, by a minimal reader of the protobuf wire format.
/// </summary>
/// <param name="Scope">The instrumentation scope: the ActivitySource's name (e.g. <c>MbcIntake</c>, <c>Microsoft.AspNetCore</c>).</param>
/// <param name="TraceId">The trace id, as 32 hex digits.</param>
/// <param name="SpanId">The span id, as 16 hex digits.</param>
/// <param name="ParentSpanId">The parent's span id, or empty for a root.</param>
/// <param name="Name">The span's name.</param>
/// <param name="Kind">SpanKind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer.</param>
/// <param name="Attributes">Its string attributes (others as their text).</param>
public sealed record OtlpSpan(string Scope, string TraceId, string SpanId, string ParentSpanId, string Name, int Kind, IReadOnlyDictionary<string, string> Attributes)
{
    /// <summary>The spans of one export request.</summary>
    public static IEnumerable<OtlpSpan> Read(byte[] request)
    {
        foreach (var resourceSpans in Fields(request, 1))
        {
            foreach (var scopeSpans in Fields(resourceSpans, 2))
            {
                var scope = Fields(scopeSpans, 1).Select(s => Text(Fields(s, 1).FirstOrDefault())).FirstOrDefault() ?? "";
                foreach (var span in Fields(scopeSpans, 2))
                {
                    var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var keyValue in Fields(span, 9))
                    {
                        var value = Fields(keyValue, 2).FirstOrDefault();
                        attributes[Text(Fields(keyValue, 1).FirstOrDefault())] = value is null ? "" : AnyValue(value);
                    }
                    yield return new OtlpSpan(scope, Hex(Fields(span, 1).FirstOrDefault()), Hex(Fields(span, 2).FirstOrDefault()), Hex(Fields(span, 4).FirstOrDefault()),
                        Text(Fields(span, 5).FirstOrDefault()), (int)Varints(span, 6).FirstOrDefault(), attributes);
                }
            }
        }
    }

    /// <summary>The metric names of one <c>ExportMetricsServiceRequest</c> (metrics.proto).</summary>
    public static IEnumerable<string> ReadMetricNames(byte[] request) =>
        from resourceMetrics in Fields(request, 1)
        from scopeMetrics in Fields(resourceMetrics, 2)
        from metric in Fields(scopeMetrics, 2)
        select Text(Fields(metric, 1).FirstOrDefault());

    /// <summary>AnyValue: a string as itself, an int as its digits, else empty.</summary>
    private static string AnyValue(byte[] value)
    {
        if (Fields(value, 1).FirstOrDefault() is { } text)
        {
            return Text(text);
        }
        return Varints(value, 3).Select(v => ((long)v).ToString(System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault() ?? "";
    }

    private static string Text(byte[]? bytes) => bytes is null ? "" : System.Text.Encoding.UTF8.GetString(bytes);

    private static string Hex(byte[]? bytes) => bytes is null ? "" : Convert.ToHexStringLower(bytes);

    /// <summary>The length-delimited fields numbered <paramref name="number"/> of a message.</summary>
    private static IEnumerable<byte[]> Fields(byte[] message, int number) =>
        Walk(message).Where(f => f.Number == number && f.Bytes is not null).Select(f => f.Bytes!);

    /// <summary>The varint fields numbered <paramref name="number"/> of a message.</summary>
    private static IEnumerable<ulong> Varints(byte[] message, int number) =>
        Walk(message).Where(f => f.Number == number && f.Bytes is null).Select(f => f.Value);

    private static List<(int Number, ulong Value, byte[]? Bytes)> Walk(byte[] message)
    {
        var fields = new List<(int, ulong, byte[]?)>();
        var position = 0;
        while (position < message.Length)
        {
            var key = Varint(message, ref position);
            var number = (int)(key >> 3);
            switch ((int)(key & 7))
            {
                case 0:
                    fields.Add((number, Varint(message, ref position), null));
                    break;
                case 1:
                    position += 8;
                    break;
                case 2:
                    var length = (int)Varint(message, ref position);
                    fields.Add((number, 0, message[position..(position + length)]));
                    position += length;
                    break;
                case 5:
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"Protobuf wire type {key & 7} at byte {position}: not an OTLP message.");
            }
        }
        return fields;
    }

    private static ulong Varint(byte[] bytes, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
    }
}
