namespace NeevCloud.Crds.Attributes;

/// <summary>
/// The field cannot change after creation. The generator turns this into CEL rules: <c>self == oldSelf</c>
/// on the field and, for an optional field, a rule on the enclosing object that forbids adding or
/// removing it (a transition rule alone never runs when the old or new value is absent).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ImmutableAttribute(string? because = null) : Attribute
{
    /// <summary>Appended to the error message, e.g. what to do instead.</summary>
    public string? Because => because;

    /// <summary>The field may be added to an object that lacks it, but once set it cannot change or be removed.</summary>
    public bool OnceSet { get; init; }
}
