// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// The contract of the live chain tests: state, an indexed event, and a revert.
contract Probe {
    event Ping(uint256 indexed n, address indexed from, uint256 total);

    uint256 public total;

    function ping(uint256 n) external {
        total += n;
        emit Ping(n, msg.sender, total);
    }

    function pingMany(uint256 count) external {
        for (uint256 i = 0; i < count; i++) {
            total += 1;
            emit Ping(i, msg.sender, total);
        }
    }

    function fail() external pure {
        revert("Probe: fail");
    }
}
