namespace NeevCloud.Crds.Attributes;

/// <summary>Bounds the length of a string field (on a list of strings: of each item); -1 leaves a bound unset.</summary>
/// <remarks>
/// A maxLength also bounds the estimated cost of CEL rules over the field, which the API server
/// checks when the CRD is applied.
/// </remarks>
[AttributeUsage(AttributeTargets.Property)]
public sealed class LengthAttribute(long minLength = -1, long maxLength = -1) : Attribute
{
    public long? MinLength => minLength < 0 ? null : minLength;

    public long? MaxLength => maxLength < 0 ? null : maxLength;
}
