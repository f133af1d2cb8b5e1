namespace NeevCloud.Crds.Attributes;

/// <summary>
/// The OpenAPI format of a string field the API server validates, e.g. <c>date-time</c>. A
/// <see cref="DateTime"/> property gets date-time without it.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class FormatAttribute(string format) : Attribute
{
    public string Format => format;
}
