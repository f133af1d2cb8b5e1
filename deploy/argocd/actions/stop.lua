-- Stop the VM: the operator stops it once it sees spec.powerState Stopped.
obj.spec.powerState = "Stopped"
return obj
