namespace NeevCloud.Crds.Attributes;

/// <summary>The field must be present (the schema lists it under <c>required</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredAttribute : Attribute;
