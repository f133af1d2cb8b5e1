namespace NeevCloud.Crds.Attributes;

/// <summary>
/// A string field must match this regular expression (Go RE2 syntax, anchored explicitly). On a list
/// of strings it applies to each item.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PatternAttribute(string regexPattern) : Attribute
{
    public string RegexPattern => regexPattern;
}
