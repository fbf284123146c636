import Groth16
print("settlement-bench")
