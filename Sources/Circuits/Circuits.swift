@_exported import Groth16
