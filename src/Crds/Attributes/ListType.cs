namespace NeevCloud.Crds.Attributes;

/// <summary>Values of <c>x-kubernetes-list-type</c>.</summary>
public enum ListType
{
    /// <summary>The list is replaced as a whole on apply (the default when unset).</summary>
    Atomic,

    /// <summary>Scalar items that must be unique; the API server rejects duplicates.</summary>
    Set,

    /// <summary>Object items identified by the keys of <see cref="ListMapKeysAttribute"/>; duplicate keys are rejected.</summary>
    Map,
}
