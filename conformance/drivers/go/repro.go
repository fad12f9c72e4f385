package main

func reproduce(name string, ports []Port, m map[string]interface{}) interface{} {
	return map[string]interface{}{"type": "error", "message": "not yet"}
}
