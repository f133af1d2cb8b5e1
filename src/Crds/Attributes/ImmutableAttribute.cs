namespace NeevCloud.Crds.Attributes;

/// <summary>
/// The field cannot change after creation. The generator turns this into CEL rules: <c>self == oldSelf</c>
/// on the field and, for an optional field, a rule on the enclosing object that forbids adding or
/// removing it (a transition rule alone never runs when the old or new value is absent). With
/// <see cref="Unless"/> the field may change while that condition holds.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ImmutableAttribute(string? because = null) : Attribute
{
    /// <summary>Appended to the error message, e.g. what to do instead.</summary>
    public string? Because => because;

    /// <summary>The field may be added to an object that lacks it, but once set it cannot change or be removed.</summary>
    public bool OnceSet { get; init; }

    /// <summary>
    /// A CEL condition on the enclosing object (as <c>self</c>) under which the field may change after all, e.g.
    /// <c>self.updatePolicy == 'ReplaceOnApproval'</c>. The whole rule then lives on the enclosing object, the only
    /// place that sees both the field and the condition.
    /// </summary>
    public string? Unless { get; init; }
}
