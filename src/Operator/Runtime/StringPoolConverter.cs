using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeevCloud.Operator.Runtime;

/// <summary>
/// Reads each short JSON string as one shared instance: the objects a cache holds repeat the same few values
/// (namespace, project and config names, region, condition types, statuses and reasons, annotation keys,
/// finalizers) in every one of 10,000 copies. A hit allocates nothing. The pool is bounded, so values seen once
/// (uids, resourceVersions) cannot grow it without limit: once full it still answers what it holds (the values
/// every object repeats are in it from the first objects on) and allocates the rest as usual.
/// </summary>
public sealed class StringPoolConverter : JsonConverter<string>
{
    /// <summary>Longer values (messages, JSON in annotations) are seldom repeated exactly; they are not pooled.</summary>
    public const int MaxLength = 64;

    private readonly ConcurrentDictionary<string, string> _pool = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int _capacity;

    // Kept apart from the dictionary: its Count takes every one of its locks, and once the pool is full every
    // value it lacks would ask (at 10,000 objects a restart spent seconds there).
    private int _count;

    /// <param name="capacity">The most values the pool keeps (about 100 bytes each).</param>
    public StringPoolConverter(int capacity)
    {
        _capacity = capacity;
        _lookup = _pool.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>How many values the pool holds.</summary>
    public int Count => Volatile.Read(ref _count);

    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Pooled(ref reader);

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Pooled(ref reader) ?? throw new JsonException("a property name cannot be null");

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

    private string? Pooled(ref Utf8JsonReader reader)
    {
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName) || length > MaxLength)
        {
            // Not a string (GetString throws as the built-in converter does), or too long to be worth pooling.
            return reader.GetString();
        }

        // UTF-8 never takes fewer bytes than UTF-16 code units, and unescaping only shortens: the value fits.
        Span<char> buffer = stackalloc char[MaxLength];
        var chars = buffer[..reader.CopyString(buffer)];
        if (_lookup.TryGetValue(chars, out var pooled))
        {
            return pooled;
        }

        var value = new string(chars);
        if (Volatile.Read(ref _count) >= _capacity)
        {
            return value;
        }

        if (_pool.TryAdd(value, value))
        {
            Interlocked.Increment(ref _count);
            return value;
        }

        return _pool.TryGetValue(value, out var added) ? added : value;
    }
}
