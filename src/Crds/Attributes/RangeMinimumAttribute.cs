namespace NeevCloud.Crds.Attributes;

/// <summary>Lower bound of a numeric field.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RangeMinimumAttribute(double minimum, bool exclusiveMinimum = false) : Attribute
{
    public double Minimum => minimum;

    public bool ExclusiveMinimum => exclusiveMinimum;
}
