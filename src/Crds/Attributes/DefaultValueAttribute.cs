namespace NeevCloud.Crds.Attributes;

/// <summary>
/// The value the API server fills in when the field is absent. An enum value is written as its
/// JSON name. Keep the C# property initializer equal to it so objects built in code match.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DefaultValueAttribute(object value) : Attribute
{
    public object Value => value;
}
