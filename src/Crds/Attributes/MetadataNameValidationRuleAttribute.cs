namespace NeevCloud.Crds.Attributes;

/// <summary>
/// A CEL rule on the resource's metadata.name, declared on the entity class; <c>self</c> is the name.
/// Unlike a root-level rule on <c>self.metadata.name</c>, the API server then reports the error at
/// metadata.name instead of at no field.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class MetadataNameValidationRuleAttribute(string rule, string message) : Attribute
{
    public string Rule => rule;

    public string Message => message;
}
