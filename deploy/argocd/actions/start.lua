-- Start the VM: the operator starts it once it sees spec.powerState Running.
obj.spec.powerState = "Running"
return obj
