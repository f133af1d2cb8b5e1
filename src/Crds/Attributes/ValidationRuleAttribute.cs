namespace NeevCloud.Crds.Attributes;

/// <summary>
/// A CEL rule (<c>x-kubernetes-validations</c>). On a property it applies to that field's schema;
/// on a class it applies to the object schema wherever the class is used (on an entity class: the
/// root of the resource, where <c>self.metadata.name</c> is visible). Rules that read
/// <c>oldSelf</c> are transition rules and run on updates only.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class, AllowMultiple = true)]
public sealed class ValidationRuleAttribute(
    string rule,
    string? fieldPath = null,
    string? message = null,
    string? messageExpression = null,
    string? reason = null) : Attribute
{
    public string Rule => rule;

    /// <summary>Where the error is reported, relative to the schema the rule is on, e.g. <c>.deleteRootDisk</c>.</summary>
    public string? FieldPath => fieldPath;

    public string? Message => message;

    public string? MessageExpression => messageExpression;

    /// <summary>FieldValueInvalid (the server's default), FieldValueForbidden, FieldValueRequired or FieldValueDuplicate.</summary>
    public string? Reason => reason;
}
