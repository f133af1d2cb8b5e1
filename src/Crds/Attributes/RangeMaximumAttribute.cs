namespace NeevCloud.Crds.Attributes;

/// <summary>Upper bound of a numeric field.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RangeMaximumAttribute(double maximum, bool exclusiveMaximum = false) : Attribute
{
    public double Maximum => maximum;

    public bool ExclusiveMaximum => exclusiveMaximum;
}
