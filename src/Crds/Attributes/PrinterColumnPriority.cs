namespace NeevCloud.Crds.Attributes;

/// <summary>Where kubectl shows an additional printer column.</summary>
public enum PrinterColumnPriority
{
    /// <summary>In <c>kubectl get</c>.</summary>
    StandardView,

    /// <summary>Only in <c>kubectl get -o wide</c>.</summary>
    WideView,
}
