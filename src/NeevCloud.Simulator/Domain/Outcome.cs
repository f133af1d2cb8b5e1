namespace NeevCloud.Simulator.Domain;

/// <summary>The result of a store operation: a value, or the failure to answer with.</summary>
internal readonly record struct Outcome<T>(T? Value, Failure? Failure)
{
    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(Failure failure) => new(default, failure);
}
