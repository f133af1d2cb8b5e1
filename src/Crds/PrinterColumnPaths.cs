namespace NeevCloud.Crds;

/// <summary>JSONPaths of the printer columns every resource shows.</summary>
public static class PrinterColumnPaths
{
    /// <summary>The status of the Ready condition (True, False or Unknown).</summary>
    public const string Ready = ".status.conditions[?(@.type==\"Ready\")].status";

    public const string Age = ".metadata.creationTimestamp";
}
